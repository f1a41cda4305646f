"""Validates JSON on standard input against a JSON Schema (draft 2020-12) with the
`jsonschema` package. Exit 0: valid; 1: invalid (each error printed); 3: jsonschema missing.

    python3 validate.py Results/schemas/check.schema.json < output.json
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("jsonschema is not installed (Debian: apt-get install python3-jsonschema; else pip install jsonschema)", file=sys.stderr)
    sys.exit(3)

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(json.load(sys.stdin)), key=lambda e: list(e.path))
for error in errors:
    print("/".join(map(str, error.path)) or "(root)", ":", error.message, file=sys.stderr)
sys.exit(1 if errors else 0)
