"""The editorial path in the admin: the page editor's views and scripts."""
