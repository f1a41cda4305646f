"""What the browser checks share: headless Chromium through Debian's chromium-driver, and how a
check ends (every problem listed, exit status 1 if any)."""
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def browser(*flags):
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", *flags):
        options.add_argument(flag)
    # Debian's driver, matching Debian's Chromium; Selenium must not fetch one from the network.
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def finish(name, problems, passed):
    for problem in problems:
        print(f"{name}: {problem}")
    if problems:
        sys.exit(1)
    print(f"{name}: {passed}")
