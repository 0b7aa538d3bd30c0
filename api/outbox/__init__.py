"""The e-mail outbox: messages are written in the transaction of the change they report, and sent later.

Any domain that sends e-mail uses it the same way (service requests do; buyer-match inquiries will):

    from api.outbox import service as outbox

    outbox.enqueue(session, to="ana@example.org", subject="Your request was triaged",
                   body_text="…", body_html=None, headers={"X-Semap-Request": "42"},
                   dedupe_key="service-request:42:event:7:ana@example.org")

- `enqueue(session, *, to, subject, body_text, body_html=None, headers=None, dedupe_key=None)` — or
  `enqueue(session, *, to, template="inquiry", language="ro", context={...}, ...)`, rendered by api/mail —
  adds one
  row to the caller's session and flushes nothing else: it commits or rolls back with the caller's
  transaction, so an e-mail exists exactly when the change it reports does. It is async (one INSERT …
  ON CONFLICT DO NOTHING): a second message with the same `dedupe_key` is silently dropped, and the call
  returns None instead of the new row's id. No SMTP happens here.
- The worker (`semap worker`, api/worker/; its `outbox` job is api/outbox/worker.py `deliver_due`) claims
  due messages with
  `SELECT … FOR UPDATE SKIP LOCKED` (several workers never send one message twice), sends each through
  SMTP (settings `smtp_host`, `smtp_port`, `smtp_username`, `smtp_password`, `smtp_starttls`,
  `mail_from`), and marks it `sent`. A failure keeps it `pending` with `attempts` + 1, `last_error` and
  `next_attempt_at` pushed back exponentially (`outbox_backoff_seconds` × 2^(attempts−1)); after
  `outbox_max_attempts` attempts, or on a permanent (5xx) refusal, it becomes `failed` and stays in the
  table to be inspected and retried (the console's Outbox tab, /api/v1/admin/outbox, or `semap outbox
  list --status failed` and `semap outbox retry ID`). A message that cannot be built is an attempt too.
  Nothing is lost while the mail server is down: messages wait as `pending`.
"""
