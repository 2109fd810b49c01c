import type { OnCallOverride, OnCallRotation, OnCallSchedule } from '@contracts';
import { http } from '../../api/http';

export const onCallKeys = { all: ['on-call'] as const };
export const getOnCall = (signal?: AbortSignal) => http.get<OnCallSchedule>('/api/on-call', { signal });
export const setRotation = (input: OnCallRotation) =>
  http.post<OnCallRotation>('/api/on-call/rotations', input);
export const addOverride = (input: Omit<OnCallOverride, 'id'>) =>
  http.post<OnCallOverride>('/api/on-call/overrides', input);
export const removeOverride = (id: string) => http.delete(`/api/on-call/overrides/${encodeURIComponent(id)}`);
