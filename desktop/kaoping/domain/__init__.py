"""The programme's rules in code: standard library only, so every rule is tested fast and in isolation."""
