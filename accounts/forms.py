from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class LoginForm(AuthenticationForm):
    """Django's login form; axes sees the request through authenticate(request=...)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets the username's max_length after the field is built, so nothing checks it:
        # an overlong name would reach authenticate() and the lock-out table (varchar 255).
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length or 150))
        self.fields["password"].validators.append(MaxLengthValidator(4096))
