"""`python -m bench`: the API against raw SQL (the floor) and against tipg (the peer), at several sizes."""
