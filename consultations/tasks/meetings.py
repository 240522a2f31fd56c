"""Background work of the meetings area: printing minutes as PDF."""

from celery import shared_task

from consultations.services.meetings import minutes_pdf_generate

__all__ = ["generate_minutes_pdf"]


@shared_task(acks_late=True)
def generate_minutes_pdf(pdf_id: int, language: str | None = None) -> None:
    minutes_pdf_generate(pdf_id=pdf_id, language=language)
