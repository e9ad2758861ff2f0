"""Small reusable widgets shared by the panels (no calculus state)."""
