"""A tiny SMTP server for tests of what happens around the moment a mail server accepts a message.

`hold_after_data`: after receiving a message's data the server waits (without answering) until the
test calls `release()`; the client sees a timeout (or is killed meanwhile). Every message received is
kept in `received` (the raw bytes), whether or not the client heard the server's "250".
"""

import email
import socket
import socketserver
import threading


class FakeSMTPServer:
    def __init__(self, *, hold_after_data: bool = False):
        self.hold_after_data = hold_after_data
        self.received: list[email.message.Message] = []
        self.data_received = threading.Event()
        self._release = threading.Event()
        server = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.request.settimeout(30)
                self._send("220 test ESMTP")
                try:
                    while line := self.rfile.readline():
                        command = line.decode("ascii", "replace").strip().upper()
                        if command.startswith(("EHLO", "HELO")):
                            self._send("250 test")
                        elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                            self._send("250 OK")
                        elif command == "DATA":
                            self._send("354 go ahead")
                            data = b""
                            while (chunk := self.rfile.readline()) and chunk != b".\r\n":
                                data += chunk[1:] if chunk.startswith(b"..") else chunk
                            server.received.append(email.message_from_bytes(data))
                            server.data_received.set()
                            if server.hold_after_data:
                                server._release.wait(30)
                            self._send("250 queued")
                        elif command == "QUIT":
                            self._send("221 bye")
                            return
                        else:
                            self._send("502 not implemented")
                except OSError:
                    return

            def _send(self, text: str) -> None:
                try:
                    self.wfile.write(text.encode() + b"\r\n")
                    self.wfile.flush()
                except OSError:
                    pass

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def release(self) -> None:
        """Answer the held message(s) and stop holding."""
        self.hold_after_data = False
        self._release.set()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
