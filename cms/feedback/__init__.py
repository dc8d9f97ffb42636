"""Readers' feedback ("Hittade du informationen du sökte?"): the endpoints readers
post to, their limits, the panel in the page editor and the report for reviewers."""
