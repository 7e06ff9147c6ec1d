"""Fixed plans played against the doctrines, and the search for the plans that beat them."""
