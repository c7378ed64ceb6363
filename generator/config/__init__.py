"""newsdigest.yml: load and check it once into typed settings passed to every stage."""
