import { regimeListRoute } from './shared';

export const register = regimeListRoute('compliance');
