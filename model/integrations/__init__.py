"""Adapters to engines that run qianyue at scale; each one is an optional extra (e.g. `pip install qianyue[ray]`)
and imports its engine only when used."""
