#!/usr/bin/perl
# Net::SIP as a callee: print its port, answer one call, exit when it is hung up.
use strict; use warnings;
use IO::Socket::INET;
use Net::SIP;
$| = 1;
my $sock = IO::Socket::INET->new(Proto => 'udp', LocalAddr => '127.0.0.1') or die "socket: $!";
my $ua = Net::SIP::Simple->new(from => 'sip:callee@127.0.0.1', leg => $sock, domain => '127.0.0.1');
print 'PORT ', $sock->sockport, "\n";
my ($established, $done);
$ua->listen(
  init_media => $ua->rtp('recv_echo'),
  cb_established => sub { $established = 1 },
  cb_cleanup => sub { $done = 1 },
);
$ua->loop(20, \$done);
print $established ? "ESTABLISHED\n" : "NOT-ESTABLISHED\n";
print $done ? "HUNGUP\n" : "TIMEOUT\n";
