"""What the services need from the outside world (ports), one module per feature.

`storage/` and `adapters/` implement these protocols and fill these records; tests may pass fakes.
Services never import either. `core` holds the unit of work, clock and accounts; `dto` the small
records shared by several features.
"""
