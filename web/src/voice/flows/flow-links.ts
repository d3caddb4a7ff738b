export const FLOWS_PATH = '/admin/flows';
export const flowPath = (id: string): string => `${FLOWS_PATH}/${encodeURIComponent(id)}`;
/** The editor for a new flow, its client chosen. */
export const newFlowPath = (clientId: string): string => `${FLOWS_PATH}/new?client=${encodeURIComponent(clientId)}`;
