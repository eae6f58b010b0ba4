import { regimeListRoute } from './shared';

export const register = regimeListRoute('safe_harbor');
