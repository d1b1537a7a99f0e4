#!/usr/bin/env python3
"""Validate STIX 2.1 bundles with the OASIS validator (PyPI package ``stix2-validator``).

Usage: validate_stix.py [--strict] [--reject-uuidv5] FILE [FILE ...]

Every file is validated against the STIX 2.1 JSON schemas and the validator's "MUST" checks, plus all of its
"SHOULD" checks (approved vocabularies, suggested relationship types, custom-property naming, use of extension
definitions for custom properties, UUID versions), with ``enforce_refs`` so that every reference of a relationship
must name an object of the same bundle.

Errors always fail. With ``--strict`` warnings fail too, except one that is expected: Trực ATTT gives the objects it
derives (bundle, indicators, relationships, ...) deterministic UUIDv5 identifiers, and the validator's check 103
("uuid-check") warns that domain objects SHOULD use UUIDv4. STIX 2.1 section 2.9 goes on: "Producers using something
other than UUIDv4 for the UUID portion of the identifier SHOULD use UUIDv5", so these warnings are counted as
"UUIDv5 accepted" and do not fail, unless ``--reject-uuidv5`` is given. The same check's warning for a
cyber-observable object whose identifier is NOT a UUIDv5 is a real warning.

Prints one summary line per file ("OK", "WARN" or "FAIL" with the counts) followed by each error and warning, and a
closing line "N passed, N failed". Exits 0 when every file passes, 1 when one does not, 2 on bad usage or a missing
validator.
"""

import re
import sys
import uuid

try:
    from stix2validator import ValidationOptions, validate_file
except ImportError:  # pragma: no cover - reported to the caller
    print("stix2validator is not installed: pip install stix2-validator", file=sys.stderr)
    sys.exit(2)

UUIDV4_WARNING = re.compile(r"\{103\} Given ID value ([a-z0-9-]+)--([0-9a-f-]{36}) is not a valid UUIDv4 ID\.")


def is_accepted_uuidv5(warning):
    """Whether a warning is check 103 complaining about an identifier that is a UUIDv5."""
    match = UUIDV4_WARNING.search(warning)
    return bool(match) and uuid.UUID(match.group(2)).version == 5


def validate(path, strict, accept_uuidv5):
    """Returns (passed, errors, warnings, accepted) for one file; the lists hold messages."""
    options = ValidationOptions(version="2.1", strict=False, enforce_refs=True, silent=True)
    results = validate_file(path, options)
    errors, warnings, accepted = [], [], []
    if results.fatal is not None:
        errors.append("fatal: %s" % results.fatal.error)
    for result in results.object_results or []:
        errors.extend(str(getattr(error, "message", error)) for error in result.errors)
        for warning in result.warnings or []:
            (accepted if accept_uuidv5 and is_accepted_uuidv5(warning) else warnings).append(warning)
    passed = results.is_valid and not errors and not (strict and warnings)
    return passed, errors, warnings, accepted


def main(argv):
    strict = "--strict" in argv
    accept_uuidv5 = "--reject-uuidv5" not in argv
    paths = [arg for arg in argv if arg not in ("--strict", "--reject-uuidv5")]
    if not paths or any(path.startswith("--") for path in paths):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    passed_count = failed_count = 0
    for path in paths:
        passed, errors, warnings, accepted = validate(path, strict, accept_uuidv5)
        verdict = "FAIL" if not passed else ("WARN" if warnings else "OK")
        print("%s %s: %d error(s), %d warning(s), %d UUIDv5 identifier(s) accepted"
              % (verdict, path, len(errors), len(warnings), len(accepted)))
        for line in errors:
            print("  error: " + line)
        for line in warnings:
            print("  warning: " + line)
        if passed:
            passed_count += 1
        else:
            failed_count += 1
    print("%d passed, %d failed" % (passed_count, failed_count))
    return 0 if failed_count == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
