#!/usr/bin/env bash
# Refresh the translation sources from the code, then compile them for shipping.
#   1. python -m visualizer.i18n_catalog: scan visualizer/**/*.py for marked strings
#      (tr("...") wrappers, QCoreApplication.translate("Ctx", "...")) and the preset and
#      scenario names, and merge them into resources/translations/*.ts, keeping every
#      existing translation (new strings arrive as type="unfinished").
#      pyside6-lupdate cannot see through the modules' one-line tr() wrappers, so it would
#      miss nearly every string; it is run only as a cross-check when asked (--lupdate).
#   2. pyside6-lrelease: compile each .ts to the .qm the program loads.
# Usage: bash scripts/update_translations.sh [--lupdate] [LANG ...]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
LRELEASE="${LRELEASE:-pyside6-lrelease}"
check_lupdate=0
if [ "${1:-}" = "--lupdate" ]; then check_lupdate=1; shift; fi

"$PYTHON" -m visualizer.i18n_catalog "$@"

if ((check_lupdate)); then
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  mapfile -t sources < <(find visualizer -name '*.py' | sort)
  pyside6-lupdate -silent "${sources[@]}" -ts "$scratch/lupdate.ts"
  echo "lupdate alone: $(grep -c "<message" "$scratch/lupdate.ts" || true) messages, in contexts: $(grep -o "<name>[^<]*</name>" "$scratch/lupdate.ts" | tr "\n" " ")(wrapped tr() calls land in an empty context)"
fi

for ts in resources/translations/*.ts; do
  "$LRELEASE" -silent -nounfinished "$ts" -qm "${ts%.ts}.qm"
  echo "compiled ${ts%.ts}.qm"
done
