import io

import pytest

from balintkreis.mentoring import demo
from balintkreis.mentoring.models import MentorProfile, Mentorship, SupervisionTerms


@pytest.mark.django_db
def test_demo_loads_mentors_a_running_mentorship_and_faq_twice():
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())

    assert MentorProfile.objects.listed().count() >= 3
    mentorship = Mentorship.objects.get()
    assert mentorship.sessions.filter(is_free=True).count() == 3
    assert mentorship.status == Mentorship.Status.SUPERVISION
    terms = SupervisionTerms.objects.get()
    assert terms.is_agreed
    assert terms.fee_per_session == 90
