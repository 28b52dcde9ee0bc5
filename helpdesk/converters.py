"""Path converters: a ticket reference in an address is letters, digits and hyphens, nothing else.

Anything else (a NUL byte, a 3,000-character string) is a 404 before it reaches the database,
where PostgreSQL would refuse it with an error.
"""


class ReferenceConverter:
    regex = r"[A-Za-z0-9-]{1,20}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
