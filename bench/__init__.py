"""Benchmarks of the refresh at scale (`make bench`; not part of `make test`)."""
