"""The synthetic-register generator (`python -m pipeline sample`); nothing in the refresh path imports it."""

from pipeline.sample.civil_affairs_files import write_civil_affairs
from pipeline.sample.register import SampleReport, generate_sample, write_sample

__all__ = ["SampleReport", "generate_sample", "write_civil_affairs", "write_sample"]
