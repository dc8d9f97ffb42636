"""Answers of the reader forms (sign-up, archive requests): never stored by a
cache, and problems with their status (429 says when to try again)."""

from django.shortcuts import render


def private_page(request, template, context, status=200):
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store, private"
    return response


def problem_page(request, template, message, status, retry_after=None):
    response = private_page(request, template, {"message": message}, status)
    if status == 429 and retry_after:
        response["Retry-After"] = str(retry_after)
    return response
