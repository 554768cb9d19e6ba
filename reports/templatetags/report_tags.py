import base64

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def chart_image(chart):
    """The chart as an <img> with alt text: in a tagged PDF, a figure's alternative text
    comes from its alt attribute."""
    svg = render_to_string("measures/includes/chart.svg", {"chart": chart})
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return format_html(
        '<img class="report-chart" src="data:image/svg+xml;base64,{}" alt="{} {}">',
        data,
        chart.title,
        chart.desc,
    )
