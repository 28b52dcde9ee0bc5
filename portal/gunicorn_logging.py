"""gunicorn's access log without link tokens: `gunicorn --logger-class portal.gunicorn_logging.RedactingLogger`."""

from gunicorn.glogging import Logger

from core.redaction import redact

# Atoms that can hold a request path: the request line, the path, the Referer and any header.
_PATH_ATOMS = ("r", "U", "f")


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in _PATH_ATOMS:
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        for key, value in atoms.items():
            if key.startswith("{") and isinstance(value, str):
                atoms[key] = redact(value)
        return atoms
