// The plan ran in verify and passed; its three reports are under target/headroom/<plan>/.
def dir = new File(basedir, 'target/headroom/checkout')
assert new File(dir, 'summary.json').text.contains('"headroom.summary/1"')
assert new File(dir, 'report.html').text.contains('<html')
def junit = new File(dir, 'junit.xml').text
assert junit.contains('http_req_duration p(95)&lt;3000')
assert !junit.contains('<failure')
def log = new File(basedir, 'build.log').text
assert log =~ /headroom: generator heap -Xmx[0-9]+[mg]/
assert log.contains('headroom: demo shop at http://127.0.0.1:')
assert log.contains('headroom: running src/test/headroom/checkout.yaml')
assert log.contains('headroom: comparing checkout with ')
assert new File(basedir, 'target/headroom-baseline/checkout/summary.json').isFile()
assert new File(dir, 'comparison.md').isFile()
assert log.contains('BUILD SUCCESS')
return true
