#!/usr/bin/perl
# Net::SIP as a caller: INVITE the given target, wait for the answer, send BYE.
use strict; use warnings;
use IO::Socket::INET;
use Net::SIP;
my ($target) = @ARGV;
my $sock = IO::Socket::INET->new(Proto => 'udp', LocalAddr => '127.0.0.1') or die "socket: $!";
my $ua = Net::SIP::Simple->new(from => 'sip:perl@127.0.0.1', leg => $sock, domain => '127.0.0.1');
my $call = $ua->invite($target, init_media => $ua->rtp('recv_echo'))
  or die 'invite failed: ' . ($ua->error || 'unknown');
die 'call failed: ' . $call->error if $call->error;
$ua->loop(0.5);
my $stop;
$call->bye(cb_final => \$stop);
$ua->loop(5, \$stop);
print "CALL-OK\n";
