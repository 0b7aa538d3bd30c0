from tests.outbox.smtp_server import smtp_server

__all__ = ["smtp_server"]
