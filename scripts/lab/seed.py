"""Fills a Maildir with N varied, realistic messages, fast: plain and HTML, non-ASCII subjects and names, small
attachments, replies with In-Reply-To/References, and one in 500 malformed (a broken From and a bad charset).

SEED_PROFILE=realistic makes mail of the size a business mailbox holds (about 20 KiB on average): plain replies with
quoted history, HTML newsletters with a text alternative, and one message in five with a PDF-like or image
attachment (8 to 64 KiB, base64), one in ten with an inline image. The default profile (about 3 KiB) keeps the
interop tests quick.

usage: seed.py MAILDIR_HOME N
"""
import base64
import quopri
import os
import random
import sys
import time
from email.header import Header

home, count = sys.argv[1], int(sys.argv[2])
maildir = os.path.join(home, "Maildir")
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(maildir, sub), exist_ok=True)
rng = random.Random(42)
names = ["Chris Çelik", "Dana Müller", "Søren Ørsted", "李雷", "Ana Núñez", "Sam Smith", "Olga Петрова"]
subjects = ["Order %d", "Frage zu Rechnung %d", "Réunion du %d", "Ticket #%d: printer", "見積もり %d", "Invoice %d"]
body_line = "This is line %d of a realistic message body, long enough to look like mail.\n"
# SEED_EPOCH fixes the dates, so a reseed can recreate identical mail (a server that renumbered its folder).
stamp = int(os.environ.get("SEED_EPOCH", time.time()))
realistic = os.environ.get("SEED_PROFILE", "") == "realistic"
total_bytes = 0


def realistic_body(i, name, boundary):
    """Headers and body of message i in the realistic profile."""
    kind = rng.random()
    text = "".join(body_line % n for n in range(rng.randint(15, 60)))
    if kind < 0.20:  # a document attached
        size = rng.randint(8, 64) * 1024
        ext, ctype = rng.choice([("pdf", "application/pdf"), ("xlsx", "application/vnd.openxmlformats-"
                                 "officedocument.spreadsheetml.sheet"), ("jpg", "image/jpeg")])
        data = base64.encodebytes(rng.randbytes(size)).decode()
        return (['Content-Type: multipart/mixed; boundary="%s"' % boundary],
                "--%s\nContent-Type: text/plain; charset=utf-8\n\n%s\n--%s\nContent-Type: %s; name=\"doc-%d.%s\"\n"
                "Content-Disposition: attachment; filename=\"doc-%d.%s\"\nContent-Transfer-Encoding: base64\n\n%s--%s--\n"
                % (boundary, text, boundary, ctype, i, ext, i, ext, data, boundary))
    if kind < 0.30:  # HTML with an inline image
        size = rng.randint(4, 40) * 1024
        data = base64.encodebytes(rng.randbytes(size)).decode()
        html = "<html><body><p>Hello <b>%s</b></p>%s<img src=\"cid:logo-%d\"></body></html>" % (
            name, "<p>%s</p>" % text.replace("\n", "<br>\n"), i)
        return (['Content-Type: multipart/related; boundary="%s"' % boundary],
                "--%s\nContent-Type: text/html; charset=utf-8\n\n%s\n--%s\nContent-Type: image/png\n"
                "Content-ID: <logo-%d>\nContent-Transfer-Encoding: base64\n\n%s--%s--\n"
                % (boundary, html, boundary, i, data, boundary))
    if kind < 0.55:  # a newsletter: text and a long HTML alternative
        rows = "".join("<tr><td style=\"padding:8px;font-family:Arial\">%s</td></tr>\n" % (body_line % n)
                       for n in range(rng.randint(40, 160)))
        html = "<html><head><style>td{color:#333}</style></head><body><table>%s</table></body></html>" % rows
        html = quopri.encodestring(html.encode("utf-8")).decode("ascii")
        return (['Content-Type: multipart/alternative; boundary="%s"' % boundary],
                "--%s\nContent-Type: text/plain; charset=utf-8\n\n%s\n--%s\nContent-Type: text/html; charset=utf-8\n"
                "Content-Transfer-Encoding: quoted-printable\n\n%s\n--%s--\n" % (boundary, text, boundary, html, boundary))
    quoted = "".join("> " + (body_line % n) for n in range(rng.randint(0, 80)))  # a reply with its history
    return (["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"], text + "\n" + quoted)


for i in range(1, count + 1):
    name = rng.choice(names)
    subject = rng.choice(subjects) % i
    msgid = "<seed-%d@lab.test>" % i
    headers = [
        "From: %s <sender%d@customer.test>" % (Header(name, "utf-8").encode(), i % 50),
        "To: Dana <dana@lab.test>",
        "Subject: %s" % Header(subject, "utf-8").encode(),
        "Date: %s" % time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(stamp - (count - i) * 60)),
        "Message-ID: %s" % msgid,
        "MIME-Version: 1.0",
    ]
    if i > 1 and i % 4 == 0:
        headers.append("In-Reply-To: <seed-%d@lab.test>" % (i - 1))
        headers.append("References: <seed-%d@lab.test> <seed-%d@lab.test>" % (max(1, i - 3), i - 1))
    if i % 500 == 0:
        headers[0] = "From: <<broken@@"  # malformed: must be reported and skipped by nobody, parsed leniently
        headers.append("Content-Type: text/plain; charset=x-unknown-charset")
        body = "A malformed message.\n"
    elif realistic:
        # Boundaries as real clients write them (Gmail, JavaMail, Outlook), 28 to 45 characters: a five-character
        # boundary would make every MIME parser's boundary search several times slower than on real mail.
        boundary = rng.choice(["000000000000%016x" % rng.getrandbits(64),
                               "----=_Part_%d_%d.%d" % (i, rng.getrandbits(30), stamp * 1000 + i),
                               "_000_%s_" % ("%032X" % rng.getrandbits(128))])
        extra, body = realistic_body(i, name, boundary)
        headers.extend(extra)
    elif i % 7 == 0:
        boundary = "b%d" % i
        attachment = base64.encodebytes(rng.randbytes(600)).decode()
        headers.append('Content-Type: multipart/mixed; boundary="%s"' % boundary)
        body = ("--%s\nContent-Type: text/plain; charset=utf-8\n\nSee the attachment, Grüße.\n"
                "--%s\nContent-Type: application/octet-stream\nContent-Disposition: attachment; "
                "filename=\"report-%d.bin\"\nContent-Transfer-Encoding: base64\n\n%s--%s--\n"
                % (boundary, boundary, i, attachment, boundary))
    elif i % 5 == 0:
        boundary = "a%d" % i
        headers.append('Content-Type: multipart/alternative; boundary="%s"' % boundary)
        body = ("--%s\nContent-Type: text/plain; charset=utf-8\n\nHello %s\n--%s\nContent-Type: text/html; "
                "charset=utf-8\n\n<p>Hello <b>%s</b></p>\n--%s--\n" % (boundary, name, boundary, name, boundary))
    else:
        headers.append("Content-Type: text/plain; charset=utf-8")
        headers.append("Content-Transfer-Encoding: 8bit")
        body = "".join(body_line % n for n in range(rng.randint(20, 70)))
    data = ("\n".join(headers) + "\n\n" + body).encode("utf-8")
    name_on_disk = "%d.M%dP%d.lab,S=%d:2," % (stamp, i, os.getpid(), len(data))
    with open(os.path.join(maildir, "cur", name_on_disk), "wb") as f:
        f.write(data)
    total_bytes += len(data)
if count:
    print("seeded %d messages, %.1f KiB on average" % (count, total_bytes / count / 1024.0), file=sys.stderr)
