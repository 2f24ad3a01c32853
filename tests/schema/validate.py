"""Validate question files against the published JSON Schema.

Usage: validate.py SCHEMA FILE...  Prints one line per problem and exits 1 if
there is any, so editors that use the schema agree with `runbook check`.
"""

import json
import sys

import jsonschema
import yaml


def main() -> int:
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            # Rubric keys are integers in YAML and strings in JSON.
            data = json.loads(json.dumps(yaml.safe_load(f)))
        for error in validator.iter_errors(data):
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: {where}: {error.message}")
            problems += 1
    print(f"{len(sys.argv) - 2} file(s), {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
