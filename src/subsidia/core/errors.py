from django.views.defaults import bad_request as django_bad_request


def bad_request(request, exception, template_name="400.html"):
    return django_bad_request(request, exception, template_name)
