#!/usr/bin/env python3
"""The phone page as a person uses it, in headless Chromium (Debian chromium + chromium-driver,
Python selenium): open a link, find a passenger, record the steps, see them cleared; a
temperature of 37.5 (blocked, with the reason); an expired link (refused); another trip's
passenger (refused). Screenshots go to $ARTIFACTS (default .build/browser-artifacts).

Run: python3 Tests/browser/checkin_browser_test.py   (after `swift build`; BANCHE_BIN overrides
the binary). Exit status 0 when every check passes.
"""
import json, os, random, signal, socket, subprocess, sys, tempfile, time, urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("BANCHE_BIN", os.path.join(ROOT, ".build/debug/banche"))
ART = os.environ.get("ARTIFACTS", os.path.join(ROOT, ".build/browser-artifacts"))
NOW = "2027-02-13T05:20:00+08:00"
failures = []


def banche(*args, now=NOW, check=True):
    env = dict(os.environ, BANCHE_NOW=now)
    r = subprocess.run([BIN, *args], capture_output=True, text=True, env=env)
    if check and r.returncode != 0:
        sys.exit(f"banche {' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r


def expect(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def main():
    os.makedirs(ART, exist_ok=True)
    work = tempfile.mkdtemp(prefix="banche-browser-")
    db = os.path.join(work, "banche.sqlite")
    banche("init", "--db", db)
    banche("import", "--dir", os.path.join(ROOT, "Fixtures/tiandeng-pengjiang"), "--db", db)
    plan = json.loads(banche("plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--format", "json", "--db", db).stdout)
    trips = plan["trip_details"]
    # The last trip that calls at two pickup stops or more with 20 people or more.
    mine = [t for t in trips if len(t["pickup_stops"]) >= 2 and t["passengers"] >= 20][-1]
    trip, other = mine["trip_id"], trips[0]["trip_id"]
    stop = mine["pickup_stops"][0]
    # The bus is checked (the vehicle step of epidemic-2022), so passengers can be cleared.
    banche("board", "record", "--trip", trip, "--vehicle", "--step", "disinfection", "--at", "2027-02-13T05:00+08:00",
           "--checklist", "epidemic-2022", "--db", db)
    port = random.randint(20000, 60000)
    link = banche("serve", "token", "--trip", trip, "--stop", stop, "--listen", f"127.0.0.1:{port}", "--db", db).stdout.strip()
    expired = banche("serve", "token", "--trip", trip, "--valid-hours", "1", "--listen", f"127.0.0.1:{port}", "--db", db,
                     now="2027-02-13T01:00:00+08:00").stdout.strip()
    other_worker = json.loads(banche("board", "status", "--trip", other, "--format", "json", "--db", db, check=False).stdout)["passengers"][0]["worker_id"]

    server = subprocess.Popen([BIN, "serve", "--listen", f"127.0.0.1:{port}", "--db", db, "--checklist", "epidemic-2022"],
                              env=dict(os.environ, BANCHE_NOW=NOW), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        opts = webdriver.ChromeOptions()
        for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=412,915"]:
            opts.add_argument(a)
        opts.binary_location = "/usr/bin/chromium"
        d = webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
        wait = WebDriverWait(d, 15)
        try:
            # Open the link: the trip page of its stop.
            d.get(link)
            wait.until(lambda d: d.find_elements(By.ID, "people"))
            expect(trip in d.title, f"the link opens trip {trip}")
            people = d.find_elements(By.CSS_SELECTOR, ".person")
            expect(len(people) > 2, f"{len(people)} passengers of stop {stop} listed")
            ids = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".person .id")]
            expect(all("********" in i for i in ids), "ID numbers masked (451425********0157)")
            d.save_screenshot(os.path.join(ART, "1-trip-page.png"))

            first, second = people[0], people[1]
            name = first.find_element(By.CSS_SELECTOR, ".name").text
            w1, w2 = first.get_attribute("data-worker"), second.get_attribute("data-worker")
            # Search by name: only that passenger stays.
            box = d.find_element(By.ID, "search")
            box.send_keys(name)
            shown = [p for p in d.find_elements(By.CSS_SELECTOR, ".person") if p.is_displayed()]
            expect(len(shown) >= 1 and all(name in p.text for p in shown), f"search '{name}' keeps {len(shown)} passenger(s)")
            d.save_screenshot(os.path.join(ART, "2-search.png"))
            box.clear()
            d.execute_script("document.getElementById('search').dispatchEvent(new Event('input'))")

            def record(person, step, value=None, button=None):
                form = person.find_element(By.CSS_SELECTOR, f"form.record[data-step='{step}']")
                if value is not None:
                    inp = form.find_element(By.CSS_SELECTOR, "input[name=value]")
                    inp.clear()
                    inp.send_keys(value)
                    form.find_element(By.TAG_NAME, "button").click()
                else:
                    form.find_element(By.CSS_SELECTOR, f"button[value='{button or ''}']").click()
                time.sleep(0.3)

            def status(worker):
                return d.find_element(By.CSS_SELECTOR, f".person[data-worker='{worker}'] [data-status]").text

            # Tap the first passenger and record every step.
            first.find_element(By.CSS_SELECTOR, ".who").click()
            record(first, "id-registration", button="")
            record(first, "nucleic-acid", button="negative")
            record(first, "temperature", value="36.5")
            record(first, "health-code", button="green")
            wait.until(lambda d: status(w1) == "cleared")
            expect(status(w1) == "cleared", f"{w1} cleared after the four blocking steps")
            d.save_screenshot(os.path.join(ART, "3-cleared.png"))

            # 37.5 °C: blocked, with the reason.
            second.find_element(By.CSS_SELECTOR, ".who").click()
            record(second, "id-registration", button="")
            record(second, "nucleic-acid", button="negative")
            record(second, "temperature", value="37.5")
            record(second, "health-code", button="green")
            wait.until(lambda d: status(w2) == "blocked")
            why = d.find_element(By.CSS_SELECTOR, f".person[data-worker='{w2}'] [data-why]").text
            expect(status(w2) == "blocked" and "37.5" in why and "37.3" in why, f"{w2} blocked: {why!r}")
            d.save_screenshot(os.path.join(ART, "4-blocked-37.5.png"))

            # Another trip's passenger, sent as the page would: refused.
            res = d.execute_async_script("""
                var done = arguments[arguments.length - 1];
                fetch('/api/trips/' + arguments[0] + '/records', {method: 'POST', headers: {'Content-Type': 'application/json',
                  'X-CSRF-Token': document.querySelector('meta[name=csrf-token]').content},
                  body: JSON.stringify({worker_id: arguments[1], step: 'id-registration', client_record_id: 'browser-other'})})
                .then(function (r) { return r.json().then(function (b) { done([r.status, b.error]) }) })""", trip, other_worker)
            expect(res[0] == 422 and "not on trip" in (res[1] or ""),
                   f"another trip's passenger refused: {res}")
            d.get(f"http://127.0.0.1:{port}/trips/{other}")
            expect("403" in d.find_element(By.TAG_NAME, "h1").text, "another trip's page refused (403)")
            d.save_screenshot(os.path.join(ART, "5-other-trip.png"))

            # An expired link, in a fresh browser session.
            d.delete_all_cookies()
            d.get(expired)
            expect("expired" in d.page_source, "an expired link is refused")
            d.save_screenshot(os.path.join(ART, "6-expired-link.png"))
        finally:
            d.quit()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    # The database agrees: the records are there, once each, attributed to the link.
    q = subprocess.run(["python3", "-c", f"""
import sqlite3; c = sqlite3.connect({db!r})
print(c.execute("SELECT COUNT(*), COUNT(DISTINCT client_record_id), MIN(recorded_by) FROM boarding_record WHERE client_record_id IS NOT NULL").fetchone())"""],
                       capture_output=True, text=True)
    print("records from the browser (count, distinct ids, recorded_by):", q.stdout.strip())
    expect(q.stdout.startswith("(8, 8, 'token:tk-"), "8 records stored once each, by the link")
    print(f"screenshots in {ART}")
    if failures:
        sys.exit(f"{len(failures)} browser check(s) failed")


if __name__ == "__main__":
    main()
