"""Python smtplib baseline for SendingBenchmark: sends N small messages and prints the seconds it took.

usage: smtplib_bench.py HOST PORT SECURITY(tls|starttls) USER TO CAFILE N MODE(one|each)
The password comes from the environment variable MAILBRIDGE_BENCH_PASSWORD.
"""
import os
import smtplib
import ssl
import sys
import time
from email.message import EmailMessage

host, port, security, user, to, cafile, count, mode = sys.argv[1:9]
port, count = int(port), int(count)
password = os.environ["MAILBRIDGE_BENCH_PASSWORD"]
context = ssl.create_default_context(cafile=cafile)


def connect():
    if security == "tls":
        smtp = smtplib.SMTP_SSL(host, port, context=context, timeout=30)
    else:
        smtp = smtplib.SMTP(host, port, timeout=30)
        smtp.starttls(context=context)
    smtp.login(user, password)
    return smtp


def message(i):
    m = EmailMessage()
    m["From"] = user if "@" in user else to
    m["To"] = to
    m["Subject"] = "smtplib benchmark %d" % i
    m.set_content("A small message of about one kilobyte.\n" + "benchmark line\n" * 60)
    return m


started = time.perf_counter()
if mode == "one":
    smtp = connect()
    for i in range(count):
        smtp.send_message(message(i))
    smtp.quit()
else:
    for i in range(count):
        smtp = connect()
        smtp.send_message(message(i))
        smtp.quit()
print("%.6f" % (time.perf_counter() - started))
