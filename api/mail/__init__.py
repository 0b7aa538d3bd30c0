"""E-mail people want to read: templates (text and HTML) in the recipient's language, safe headers.

`api.outbox.service.enqueue(..., template="inquiry", language="ro", context={...})` renders a message
here (api/mail/render.py) and stores the result: the outbox row holds exactly what is sent.
"""
