"""A local SMTP server for load and fault runs: accepts every message on 127.0.0.1 and appends one
JSON line per recipient (to, subject, Message-ID) to a file, so verify.py can count what really
arrived. aiosmtpd is the maintained SMTP server library for asyncio (the stdlib's smtpd is gone).

    python bench/load/smtp_sink.py --port 2525 --out /tmp/mail.jsonl [--delay 0]
"""

import argparse
import asyncio
import json
import signal
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out: str, delay: float):
        self.out = out
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        if self.delay:
            await asyncio.sleep(self.delay)  # a slow server: answers after the client's timeout
        with open(self.out, "a") as out:
            for recipient in envelope.rcpt_tos:
                row = {"to": recipient, "subject": str(message["subject"]), "message_id": message["message-id"]}
                out.write(json.dumps(row) + "\n")
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--out", required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    controller = Controller(Sink(args.out, args.delay), hostname="127.0.0.1", port=args.port)
    controller.start()
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
