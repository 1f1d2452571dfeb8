from playwright.sync_api import expect


def test_home_page_is_accessible(page, axe):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
