// The crossed p(95) bound failed the test and the build, with the threshold and its measured value;
// the reports were still written.
def log = new File(basedir, 'build.log').text
assert log.contains("plan 'checkout': 1 of 2 thresholds crossed")
assert log =~ /http_req_duration: p\(95\)<0\.001  measured [0-9.]+ ms/
assert !(log =~ /http_req_failed: rate<0\.05  measured/)
assert log.contains('BUILD FAILURE')
def dir = new File(basedir, 'target/headroom/CheckoutLoadTest-checkout')
assert new File(dir, 'summary.json').text.contains('"headroom.summary/1"')
assert new File(dir, 'report.html').isFile()
assert new File(dir, 'junit.xml').text.contains('threshold crossed')
return true
