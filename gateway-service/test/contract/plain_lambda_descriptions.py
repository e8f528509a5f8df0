"""Schemathesis hooks module of the contract test (SCHEMATHESIS_HOOKS, set by scripts/test-contract.sh).

Hypothesis names a filtered strategy after its lambda, whose text it gets by
parsing the source file the lambda is in. On CPython 3.11, ast.parse fails
("AST constructor recursion depth mismatch") when another thread compiles at
the same moment, as schemathesis's workers do, and the operation is reported
as an error rather than tested. The name only shows in hypothesis's reprs, so
here a lambda is named without parsing anything.
"""

from hypothesis.internal import lambda_sources


def _plain(f):
    return f"<lambda at {f.__code__.co_filename}:{f.__code__.co_firstlineno}>"


lambda_sources.lambda_description = _plain
