import type { ApiClient } from '../api/api-client.js';
import type { ListPage } from '../api/types.js';
import type { CampaignAction } from './campaign-status.js';
import type { Campaign, CampaignStats, DncImportReport, Lead, LeadImportReport, LeadMapping, NextLeads } from './campaign-types.js';

const id = (s: string) => encodeURIComponent(s);

export const changeCampaignStatus = (api: ApiClient, campaignId: string, action: CampaignAction): Promise<Campaign> =>
  api.post<Campaign>(`/campaigns/${id(campaignId)}/${action}`);

export const importLeads = (api: ApiClient, campaignId: string, csv: string, mapping?: LeadMapping): Promise<LeadImportReport> =>
  api.post<LeadImportReport>(`/campaigns/${id(campaignId)}/leads/import`, mapping ? { csv, mapping } : { csv });

export const listLeads = (api: ApiClient, campaignId: string, limit: number, offset: number): Promise<ListPage<Lead>> =>
  api.get<ListPage<Lead>>(`/campaigns/${id(campaignId)}/leads`, { limit, offset });

/** `at`: an ISO instant to ask "who may be dialed then" (omit for now). */
export const fetchNextLeads = (api: ApiClient, campaignId: string, limit: number, at?: string): Promise<NextLeads> =>
  api.get<NextLeads>(`/campaigns/${id(campaignId)}/next-leads`, { limit, at });

export const importDnc = (api: ApiClient, clientId: string | null, csv: string): Promise<DncImportReport> =>
  api.post<DncImportReport>('/dnc/import', { client_id: clientId, csv });

/**
 * DELETE with the session's CSRF token. The shared ApiClient has no delete
 * verb yet (web/src/api is not this area's to change), so this asks
 * /auth/me for the token the client would have sent.
 */
/** DELETE through the shared client (it sends the CSRF token like every change). */
export async function deleteResource(api: ApiClient, path: string): Promise<void> {
  await api.delete(path);
}

/** The campaign's live dialing figures (GET /campaigns/:id/stats). */
export const fetchCampaignStats = (api: ApiClient, campaignId: string): Promise<CampaignStats> =>
  api.get<CampaignStats>(`/campaigns/${id(campaignId)}/stats`);
