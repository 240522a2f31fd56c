from foundation.markdown import render_markdown


class TestRenderMarkdown:
    def test_it_renders_kazakh_markdown(self):
        html = render_markdown("## Күн тәртібі\n\n* Инклюзивті мектептер\n* Оңалту орталықтары")
        assert "<h2>Күн тәртібі</h2>" in html
        assert "<li>Оңалту орталықтары</li>" in html

    def test_it_strips_scripts_and_event_handlers(self):
        html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)"> **ok**')
        assert "<script" not in html
        assert "onerror" not in html
        assert "<strong>ok</strong>" in html

    def test_it_drops_javascript_links(self):
        html = render_markdown("[click](javascript:alert(1))")
        assert "javascript:" not in html

    def test_it_demotes_h1(self):
        assert "<h1" not in render_markdown("# Title")
