from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'note-de-dialogue.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_dialogue = resolve('dialogue')
    l_0_document = resolve('document')
    l_0_titre_document = l_0_statut_document = l_0_d = missing
    try:
        t_1 = environment.filters['cellule']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'cellule' found.")
    try:
        t_2 = environment.filters['en_ligne']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'en_ligne' found.")
    pass
    l_0_titre_document = 'Note de dialogue'
    context.vars['titre_document'] = l_0_titre_document
    context.exported_vars.add('titre_document')
    l_0_statut_document = 'À apporter à la prochaine réunion avec le partenaire (étapes 2 et 4 de la méthode)'
    context.vars['statut_document'] = l_0_statut_document
    context.exported_vars.add('statut_document')
    template = environment.get_template('_entete.md.j2', 'note-de-dialogue.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'d': l_0_d, 'statut_document': l_0_statut_document, 'titre_document': l_0_titre_document}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    l_0_d = (undefined(name='dialogue') if l_0_dialogue is missing else l_0_dialogue)
    context.vars['d'] = l_0_d
    context.exported_vars.add('d')
    yield 'Cette note confronte, point par point, le projet de '
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'nous'))))
    yield ' et celui de '
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'partenaire'))))
    yield ' ('
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'nature'))))
    yield ' du '
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'partenaire_date'))))
    yield ', empreinte '
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'empreinte'))))
    yield '). Elle ne reprend aucune réponse qu’une des deux organisations garde pour elle. Le dialogue sert d’abord à vérifier que les attentes de chacun sont comprises et acceptées, puis à arrêter ensemble les termes du partenariat (guide ORSE / Le RAMEAU, étape 2). Les écarts ci-dessous sont les questions à régler ensemble.\n\n| | |\n|----------------|------------------------------------------------------|\n| **Points d’accord** | '
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'totaux'), 'accord')))
    yield ' |\n| **Écarts à régler** | '
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'totaux'), 'ecart')))
    yield ' |\n| **À renseigner** | '
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'totaux'), 'a_renseigner')))
    yield ' |\n| **Hors échange** | '
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'totaux'), 'hors_echange')))
    yield ' |\n\n# 1. Points d’accord\n\n'
    if environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'accords'):
        pass
        yield '| Étape | Point | Valeur commune |\n|----------|------------------------------|------------------------------------------|\n'
        for l_1_r in environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'accords'):
            _loop_vars = {}
            pass
            yield '| '
            yield escape(environment.finalize(environment.getattr(l_1_r, 'etape')))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_r, 'libelle'))))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_r, 'valeur'))))
            if environment.getattr(l_1_r, 'convenu'):
                pass
                yield ' ('
                yield escape(environment.finalize(t_2(environment.getattr(l_1_r, 'convenu'))))
                yield ')'
            yield ' |\n'
        l_1_r = missing
    else:
        pass
        yield 'Aucun point d’accord pour l’instant.\n'
    yield '\n# 2. Écarts\xa0: les questions à régler à la prochaine réunion\n\n'
    if environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'ecarts'):
        pass
        l_1_loop = missing
        for l_1_r, l_1_loop in LoopContext(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'ecarts'), undefined):
            _loop_vars = {}
            pass
            yield '## 2.'
            yield escape(environment.finalize(environment.getattr(l_1_loop, 'index')))
            yield '. '
            yield escape(environment.finalize(t_2(environment.getattr(l_1_r, 'question'))))
            yield '\n\n- **Étape\xa0:** '
            yield escape(environment.finalize(environment.getattr(l_1_r, 'etape')))
            yield ' ('
            yield escape(environment.finalize(t_2(environment.getattr(l_1_r, 'libelle'))))
            yield ')\n- **'
            yield escape(environment.finalize(t_2(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'nous'))))
            yield '\xa0:** '
            yield escape(environment.finalize(t_2(environment.getattr(l_1_r, 'nous'))))
            yield '\n- **'
            yield escape(environment.finalize(t_2(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'partenaire'))))
            yield '\xa0:** '
            yield escape(environment.finalize(t_2(environment.getattr(l_1_r, 'partenaire'))))
            yield '\n'
            if environment.getattr(l_1_r, 'modifie'):
                pass
                yield '- **Depuis l’accord du '
                yield escape(environment.finalize(t_2(environment.getattr(l_1_r, 'accord_du'))))
                yield '\xa0:** modifié côté '
                yield escape(environment.finalize(t_2(environment.getattr(l_1_r, 'modifie'))))
                yield '\n'
            yield '\n'
        l_1_loop = l_1_r = missing
    else:
        pass
        yield 'Aucun écart\xa0: les deux projets disent la même chose sur chaque point comparé.\n\n'
    yield '# 3. Ce que chacun doit encore renseigner\n\n'
    for l_1_side in environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'a_renseigner'):
        _loop_vars = {}
        pass
        if environment.getattr(l_1_side, 'points'):
            pass
            yield '**'
            yield escape(environment.finalize(t_2(environment.getattr(l_1_side, 'nom'))))
            yield '\xa0:**\n\n'
            for l_2_r in environment.getattr(l_1_side, 'points'):
                _loop_vars = {}
                pass
                yield '- '
                yield escape(environment.finalize(t_2(environment.getattr(l_2_r, 'libelle'))))
                yield ' (étape '
                yield escape(environment.finalize(environment.getattr(l_2_r, 'etape')))
                yield ')\n'
            l_2_r = missing
        else:
            pass
            yield '**'
            yield escape(environment.finalize(t_2(environment.getattr(l_1_side, 'nom'))))
            yield '\xa0:** rien, tous les points comparés sont renseignés.\n'
        yield '\n'
    l_1_side = missing
    yield '# 4. Points hors échange\n\n'
    if environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'hors_echange'):
        pass
        yield 'Sur ces points, au moins une des deux organisations garde sa réponse pour elle (introspection, notes de préparation)\xa0: la note n’en montre rien. À chacune de dire, si elle le souhaite, ce qu’elle peut en partager.\n\n'
        for l_1_r in environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'hors_echange'):
            _loop_vars = {}
            pass
            yield '- '
            yield escape(environment.finalize(t_2(environment.getattr(l_1_r, 'libelle'))))
            yield ' (étape '
            yield escape(environment.finalize(environment.getattr(l_1_r, 'etape')))
            yield ')\n'
        l_1_r = missing
    else:
        pass
        yield 'Aucun.\n'
    yield '\n*Méthode\xa0: guide ORSE / Le RAMEAU «\xa0Partenariats stratégiques ONG-Entreprises\xa0» (2012). Note établie avec '
    yield escape(environment.finalize(environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'outil')))
    yield ' à partir des deux projets\xa0; «\xa0Convenu\xa0» signifie noté comme convenu avec le partenaire (partenariat converger).*\n'

blocks = {}
debug_info = '1=26&2=29&3=32&4=38&5=42&9=52&10=54&11=56&12=58&16=60&19=63&20=67&28=83&29=86&30=90&32=94&33=98&34=102&35=106&36=109&46=119&47=122&48=125&50=127&51=131&54=139&60=144&63=147&64=151&70=160'