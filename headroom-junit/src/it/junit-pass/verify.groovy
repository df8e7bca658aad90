// The load test passed, and its reports are where the docs say, with the test's name in the summary.
def dir = new File(basedir, 'target/headroom/CheckoutLoadTest-checkout')
def summary = new File(dir, 'summary.json')
assert summary.isFile() : "no summary at ${summary}"
def json = summary.text
assert json.contains('"headroom.summary/1"')
assert json =~ /"test"\s*:\s*"checkout\(RunResult\)"/
assert new File(dir, 'report.html').text.contains('<html')
def junit = new File(dir, 'junit.xml').text
assert junit.contains('http_req_duration p(95)&lt;3000')
assert !junit.contains('<failure')
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0')
return true
