"""Read queries over the register of written questions."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .constants import QuestionStatus
from .models import EarlierQuestion, QuestionAttachment, WrittenQuestion


def questions_visible_to(user):
    """Officers, authorising officers and auditors see the whole register; nobody else sees any of it."""
    if user is None or not user.has_perm("parliament.view_writtenquestion"):
        return WrittenQuestion.objects.none()
    return WrittenQuestion.objects.select_related("programme", "programme__fund", "region", "created_by")


def questions_with_counts(user):
    return questions_visible_to(user).annotate(
        attachment_count=Count("attachments", distinct=True), link_count=Count("earlier_links", distinct=True)
    )


def search(queryset, text: str):
    text = (text or "").strip()
    if not text:
        return queryset
    return queryset.filter(
        Q(title__icontains=text)
        | Q(number__iexact=text)
        | Q(member_name__icontains=text)
        | Q(minister_name__icontains=text)
        | Q(question_text__icontains=text)
    )


@dataclass
class Link:
    """An earlier question as shown: the register's row when it is (or has since been) registered."""

    link: EarlierQuestion
    registered: WrittenQuestion | None

    @property
    def number(self):
        return self.registered.number if self.registered else self.link.number

    @property
    def asked_on(self):
        return self.registered.asked_on if self.registered else self.link.asked_on

    @property
    def session(self):
        return self.registered.session if self.registered else self.link.session

    @property
    def title(self):
        return self.registered.title if self.registered else self.link.title


def registered_match(question: WrittenQuestion, number: str, asked_on, session: str = "") -> WrittenQuestion | None:
    """The register's question a cited reference points at: same parliament, number and date (and session when
    the citation gives one)."""
    if not number or asked_on is None:
        return None
    candidates = WrittenQuestion.objects.filter(
        assembly=question.assembly, number__iexact=number.strip(), asked_on=asked_on
    ).exclude(pk=question.pk)
    if session:
        candidates = candidates.filter(session=session)
    return candidates.order_by("id").first()


def earlier_questions(question: WrittenQuestion) -> list[Link]:
    """The questions this one cites; a cited reference registered later is shown as the register's row."""
    out = []
    for link in question.earlier_links.select_related("earlier").order_by("asked_on", "id"):
        registered = link.earlier or registered_match(question, link.number, link.asked_on, link.session)
        out.append(Link(link, registered))
    return out


def later_questions(question: WrittenQuestion):
    """Questions of the register that cite this one."""
    return (
        WrittenQuestion.objects.filter(
            Q(earlier_links__earlier=question)
            | Q(
                earlier_links__earlier__isnull=True,
                earlier_links__number__iexact=question.number,
                earlier_links__asked_on=question.asked_on,
                assembly=question.assembly,
            )
        )
        .exclude(pk=question.pk)
        .distinct()
        .order_by("asked_on", "id")
    )


def attachments_of(question: WrittenQuestion):
    return QuestionAttachment.objects.filter(question=question).select_related("uploaded_by")


def public_questions():
    """Answered questions, as the parliament publishes them: the question and its final answer. A question
    reopened to correct its answer leaves the public list until it is answered again; drafts, notes and
    documents are never public."""
    return WrittenQuestion.objects.filter(status=QuestionStatus.ANSWERED).select_related("programme", "region")
