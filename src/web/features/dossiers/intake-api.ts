/** The counter intake's extra calls: the supplement-guidance slip of an incomplete dossier (a PDF, nothing filed). */
import { useMutation } from '@tanstack/react-query';
import type { IntakeRequest } from '../../../common/api/dossiers';
import { apiBlob } from '../../api/client';

/** POST /api/v1/dossiers/guidance-slip.pdf: phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ for exactly what is missing. */
export function useGuidanceSlip() {
  return useMutation({
    mutationFn: (body: IntakeRequest) =>
      apiBlob('/api/v1/dossiers/guidance-slip.pdf', { method: 'POST', body }),
  });
}
