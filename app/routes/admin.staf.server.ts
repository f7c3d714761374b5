import { data } from 'react-router'
import { STAFF_ROLES, type StaffRole } from '../../server/auth/actor'
import { roleField } from '../ui/admin/StaffRoles'

// Server helpers of the staff pages (/admin/staf/…).

export { currentInstitution, idParam, requireAdministrator } from './admin.program.server'

/** The posted form, or a 400 for a body that is not one (JSON, text, broken multipart). */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData()
  } catch {
    throw data('Isian formulir tidak terbaca. Muat ulang halaman lalu coba lagi.', { status: 400 })
  }
}

/** The ticked role checkboxes. */
export function rolesOf(formData: FormData): StaffRole[] {
  return STAFF_ROLES.filter((role) => formData.get(roleField(role)) !== null)
}
