"""Load test of XTTM: a locust scenario and a runner that counts its writes back from the database."""
