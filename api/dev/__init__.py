"""Development only: the local mail catcher and `semap dev`, the supervisor `make run` starts."""
