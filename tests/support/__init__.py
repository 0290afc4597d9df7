"""What tests, benchmarks and the demo library builder share: PDF composers and servers."""
