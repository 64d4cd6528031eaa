"""Proves that each lab service answers: greetings on every mail port (TLS where the port is TLS), STARTTLS offered
on 143/110/587 (and the second Dovecot's and Postfix's non-standard ports), the LMTP socket, and dnsmasq answering an MX question. Exit 0 only when all answer.

usage: status.py LAB_DIR [--wait SECONDS]
"""
import socket
import ssl
import struct
import sys
import time

lab = sys.argv[1]
wait = float(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--wait" else 0
context = ssl.create_default_context(cafile=lab + "/tls/ca.crt")


def greet(port, tls, expect, starttls=None):
    with socket.create_connection(("127.0.0.1", port), timeout=3) as raw:
        sock = context.wrap_socket(raw, server_hostname="mail.lab.test") if tls else raw
        greeting = sock.recv(512).decode(errors="replace")
        if not greeting.startswith(expect):
            raise RuntimeError("unexpected greeting " + greeting.strip())
        if starttls:
            sock.sendall(starttls[0].encode())
            answer = b""
            while starttls[1].encode() not in answer:
                chunk = sock.recv(1024)
                if not chunk:
                    break
                answer += chunk
            if b"STARTTLS" not in answer.upper() and b"STLS" not in answer.upper():
                raise RuntimeError("STARTTLS not offered")
        return greeting.strip()[:60]


def dns():
    query = struct.pack(">HHHHHH", 0x4242, 0x0100, 1, 0, 0, 0)
    for label in ("lab", "test"):
        query += bytes([len(label)]) + label.encode()
    query += b"\x00" + struct.pack(">HH", 15, 1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(2)
        s.sendto(query, ("127.0.0.1", 5353))
        answer, _ = s.recvfrom(512)
    count = struct.unpack(">H", answer[6:8])[0]
    if count < 1:
        raise RuntimeError("no MX answer")
    return "MX for lab.test: %d answer(s)" % count


def lmtp():
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(3)
        s.connect(lab + "/run/lmtp")
        return s.recv(256).decode().strip()[:60]


CHECKS = [
    ("dovecot imap 143 (STARTTLS)", lambda: greet(143, False, "* OK", ("a CAPABILITY\r\n", "a OK"))),
    ("dovecot imaps 993", lambda: greet(993, True, "* OK")),
    ("dovecot pop3 110 (STLS)", lambda: greet(110, False, "+OK", ("CAPA\r\n", "\r\n.\r\n"))),
    ("dovecot pop3s 995", lambda: greet(995, True, "+OK")),
    ("dovecot lmtp", lmtp),
    ("postfix submission 587 (STARTTLS)", lambda: greet(587, False, "220", ("EHLO status\r\n", "250 "))),
    ("postfix submissions 465", lambda: greet(465, True, "220")),
    ("dovecot (no MOVE) imap 10143", lambda: greet(10143, False, "* OK", ("a CAPABILITY\r\n", "a OK"))),
    ("dovecot (no MOVE) imaps 10993", lambda: greet(10993, True, "* OK")),
    ("postfix submission 10587", lambda: greet(10587, False, "220", ("EHLO status\r\n", "250 "))),
    ("postfix submissions 10465", lambda: greet(10465, True, "220")),
    ("dnsmasq 127.0.0.1:5353", dns),
]

deadline = time.time() + wait
while True:
    failures = []
    lines = []
    for name, check in CHECKS:
        try:
            lines.append("  ok    %-34s %s" % (name, check()))
        except Exception as e:  # noqa: BLE001 - any failure means "not up"
            failures.append(name)
            lines.append("  DOWN  %-34s %s" % (name, e))
    if not failures or time.time() >= deadline:
        break
    time.sleep(0.5)
print("\n".join(lines))
sys.exit(1 if failures else 0)
