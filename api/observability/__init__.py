"""What the service tells its operators: a JSON line per request, Prometheus metrics at /metrics."""
