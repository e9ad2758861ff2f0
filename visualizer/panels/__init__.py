"""Panels: views of the model. Each is ``XxxPanel(model, parent=None)`` and never imports another."""
