import type { Channel, Role, RoutingPolicy } from '../api/types.js';

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  supervisor: 'Supervisor',
  agent: 'Agent',
  qa: 'QA analyst',
  planner: 'Workforce planner',
  client_viewer: 'Client viewer',
};

const CHANNEL_LABELS: Record<Channel, string> = {
  voice: 'Voice',
  chat: 'Chat',
  callback: 'Callback',
  work_item: 'Work item',
};

const POLICY_LABELS: Record<RoutingPolicy, string> = {
  longest_idle: 'Longest idle agent',
  most_skilled: 'Most skilled agent',
  least_occupied: 'Least occupied agent',
  round_robin: 'Round robin',
  ring_all: 'Ring all',
};

export const roleLabel = (r: Role): string => ROLE_LABELS[r] ?? r;
export const channelLabel = (c: Channel): string => CHANNEL_LABELS[c] ?? c;
export const policyLabel = (p: RoutingPolicy): string => POLICY_LABELS[p] ?? p;
